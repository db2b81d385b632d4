module github.com/quidit/quidit

go 1.26.8

require golang.org/x/text v0.44.0

require github.com/kljensen/snowball v0.10.0 // indirect
