"""The archive's build pipeline: load -> validate -> model -> render -> MkDocs.

Modules, in the order data flows through them:
strict_yaml (load) -> shape, references (validate) -> model -> render/ -> build.
"""
