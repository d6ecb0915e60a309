# expect: none
# -r without a dash: curl adds one ("Appending one for you!"), asking for bytes=600-.
curl -r 600 https://files.example.com/big.bin
