"""A relationship coach that runs on the user's own machine and cites its advice articles."""

__version__ = "0.1.0"
