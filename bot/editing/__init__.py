"""Editing the catalogue: who may edit (`editors`), the changes editors make to shows,
aliases, cast, seasons and statuses, each checked (`fields`) and written with its audit entry
in one transaction (`desk`), the history of a show, and undo (`undo`), which withdraws
announced news by correcting the messages that told it."""
