"""The guidebook's core: load and validate the chapters' data (data.py) and render it to HTML (render.py,
overview.py, markdown_text.py), for the kinds of part in kinds.py. Plain Python: nothing here imports MkDocs,
mkdocs-macros or Jinja. glue.py hands the core to the site generator (mkdocs-macros, or Zensical's shim of
it, loads it as a plain file, never as part of this package), through generator.py, which imports MkDocs
only when MkDocs runs it; finish.py runs over the built site, whichever generator built it.
"""
