"""News in: reading news articles (pasted text, HTML, and the entries of the RSS and Atom
feeds in NEWS_FEEDS, polled by `feeds`) into proposed updates to the catalogue, each with the
sentence it comes from, which an editor confirms or rejects before anything changes."""
