"""The public portal (门户网站): the agency's disclosure pages. No models of its own."""
