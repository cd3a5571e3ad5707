"""Which show a message means: folding text, reading a question's intent and words, and the
title index that resolves a title through typos at catalogue scale."""
