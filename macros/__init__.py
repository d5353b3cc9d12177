"""The guidebook's core: load and validate the chapters' data (data.py) and render it to HTML (render.py,
overview.py, markdown_text.py), for the kinds of part in kinds.py. Plain Python: nothing here imports MkDocs,
mkdocs-macros or Jinja. main.py, at the project's root, is the glue that hands the core to MkDocs.
"""
