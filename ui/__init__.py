"""The Qt desktop front of Portfolio Planner.

Kept free of Qt imports so ``import ui`` is cheap and the CLI can check for the app without loading Qt.
The entry point is :func:`ui.app.main`.
"""
