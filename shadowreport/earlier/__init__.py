"""Earlier recommendations: what a State was told in the last cycle, and what it did.

``model`` holds the typed record (a base module, so a Project and a Draft can carry them);
``readers`` reads UHRI's .xlsx, UPR Info's .csv and OHCHR's Word tables into it.
"""
