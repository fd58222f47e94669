"""HTML pages (Jinja2); each page's data is also served as JSON at NAME.json or ?_format=json."""
