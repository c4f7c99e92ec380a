"""Built-in demo: realistic data for one year and a headless run of all eight SOP steps."""
