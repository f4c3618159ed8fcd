"""The chat page: a Gradio shell over the coach's Python API (see `ui.app`)."""
