"""Fetching a feed or a page by its ``http(s)://`` address (standard library only).

The response is read up to the size limit and then handed to the same readers as a file, chosen
by content; a network error or an HTTP error status is a :class:`ReadError` naming the address.
"""

from __future__ import annotations

import io
import urllib.error
import urllib.request

from warta import __version__
from warta.io.readers.base import ReadError, ReadOptions, read_limited

#: Seconds to wait for a server.
TIMEOUT_S = 30


def fetch(url: str, *, options: ReadOptions) -> io.BytesIO | ReadError:
    """The body of ``url`` as a stream, or a :class:`ReadError` saying why there is none."""
    request = urllib.request.Request(url, headers={"User-Agent": f"warta/{__version__} (+news analysis)"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            data = read_limited(response, origin=url, max_bytes=options.max_bytes)
    except ReadError as exc:
        return exc
    except urllib.error.HTTPError as exc:
        return ReadError(url, f"HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return ReadError(url, f"cannot fetch: {getattr(exc, 'reason', exc)}")
    return io.BytesIO(data)
