"""The four reports of the exposures, rendered from the published marts.

`data` reads the marts (read-only, one short connection), `charts` turns rows into plotly
figures, `render` fills the Jinja2 templates, `pdf` prints each page with headless
Chromium. Nothing here computes a number: every figure printed or drawn is a mart's cell.
"""
