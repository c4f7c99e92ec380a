"""lkjip_xl: produce the LKjIP of a Perangkat Daerah from one Excel workbook, by its SOP."""

__version__ = "0.1.0"
