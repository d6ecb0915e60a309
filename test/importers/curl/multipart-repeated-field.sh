# expect: DLG6122
# A field given twice: a Deluge map holds one value per name, so the second is left out, with a warning.
curl https://api.example.com/notes -F note=first -F note=second -F title=x
