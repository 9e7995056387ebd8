"""The participant's own page: what it shows (`page`) and the changes the person makes (`changes`)."""
