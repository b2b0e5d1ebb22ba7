"""Indonesian closed-class data: months, weekdays, abbreviations, dateline patterns."""
