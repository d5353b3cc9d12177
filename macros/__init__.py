"""The guidebook's core: load and validate the chapters' data (data.py) and render it to HTML (render.py,
overview.py, markdown_text.py), for the kinds of part in kinds.py. Plain Python: nothing here imports MkDocs,
mkdocs-macros or Jinja, except glue.py: the glue that hands the core to MkDocs (mkdocs-macros loads it as a
plain file, never as part of this package).
"""
