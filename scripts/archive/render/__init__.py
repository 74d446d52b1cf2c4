"""Step 4, render: pure functions from the model to Markdown pages (text in, text out)."""
