"""Where articles come in and analyses go out, with no NLP in between: :mod:`warta.io.readers` (files,
directories, stdin, feeds, WARC → :class:`~warta.model.Article`), :mod:`warta.io.dates` (publication
dates as pages give them), :mod:`warta.io.document_json` (a :class:`~warta.model.Document` as
``warta.document/1`` JSON) and :mod:`warta.io.export` (JSON Lines, PLOVER, GDELT, CSV, Parquet)."""
