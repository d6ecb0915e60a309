# expect: DLG6122
# -F's quoted values as curl's form parser reads them: only \\ and \" are escapes (a Windows path keeps its backslashes);
# a value whose quote is never closed is read unquoted, up to its first ';'.
curl https://x.example/up -F 'path="C:\new\table"' -F 'b="abc;d' -F 'c="say \"hi\" \\\\ ok"'
