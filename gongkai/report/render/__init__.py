"""Writers of the annual report in the official layout: HTML, DOCX, PDF, XLSX and plain text."""
