# expect: DLG6101 DLG6102
# No curl at all: wget is reported and nothing is imported.
wget --header='Accept: application/json' https://api.example.com/v1/items
