"""Reviews (table 四): complaints, reconsideration and litigation about disclosure work."""
