module tandem.dev/test/bench/peers/timing

go 1.26.0
