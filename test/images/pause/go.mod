module tandem.dev/test/images/pause

go 1.22
