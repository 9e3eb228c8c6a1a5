// The Tandem proxy stand-in (tandem.local/test/proxy-stand-in): NOT Envoy.
// No Envoy binary can be had where Tandem is tested, so the real node runs
// the shipped tandem-proxy SidecarSet (deploy/examples/proxy-sidecarset.yaml)
// with this program in Envoy's place. It takes Envoy's command line as the
// set passes it (`envoy --config-path FILE --disable-hot-restart --concurrency N
// --drain-time-s S --log-level L`), refuses a configuration it cannot read or
// honour, and serves what the shipped bootstrap (deploy/examples/proxy-bootstrap.yaml)
// declares, the way Envoy would for the parts tests can observe:
//
//   - the admin interface at admin.address: /ready (INITIALIZING 503 for
//     STAND_IN_READY_DELAY, default 3s, so the startup probe's gating shows;
//     then LIVE 200; DRAINING 503 after POST /healthcheck/fail),
//     POST /drain_listeners[?graceful][&inboundonly] (inboundonly stops only
//     listeners whose traffic_direction is INBOUND, as Envoy does; graceful
//     after --drain-time-s), /stats/prometheus (one gauge);
//   - http_connection_manager listeners: path and prefix routes to a STATIC
//     cluster; a cluster at the admin address serves the admin paths, any
//     other is reverse-proxied over HTTP/1.1;
//   - tcp_proxy listeners with the original_dst listener filter: each
//     connection's SO_ORIGINAL_DST (the destination before the capture's
//     iptables REDIRECT), then a pipe to it (ORIGINAL_DST cluster, bound to
//     upstream_bind_config's source address).
//
// What it does not do: TLS, HTTP/2, xDS, retries, load balancing, real
// statistics, hot restart, worker threads (--concurrency is checked and
// logged only), log levels (events are always printed: tests read them).
// Every event is one JSON line on stdout ({"time","event",...}). SIGTERM or
// SIGINT: it logs the signal and exits 0 at once, as Envoy exits.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// version is printed by --version; test/images/proxy-stand-in/recipe.ts tags the image with it.
const version = "1.0.0"

// defaultReadyDelay: how long /ready answers INITIALIZING unless STAND_IN_READY_DELAY says otherwise.
const defaultReadyDelay = 3 * time.Second

// Options is Envoy's command line, the part the stand-in accepts.
type Options struct {
	ConfigPath        string
	DisableHotRestart bool
	Concurrency       int
	DrainTime         time.Duration
	LogLevel          string
	Version           bool
}

var logLevels = map[string]bool{"trace": true, "debug": true, "info": true, "warning": true, "warn": true, "error": true, "critical": true, "off": true}

// parseArgs reads Envoy's flags (`--name value` or `--name=value`) and refuses any other.
func parseArgs(args []string) (Options, error) {
	options := Options{Concurrency: 1, DrainTime: 600 * time.Second, LogLevel: "info"}
	for index := 0; index < len(args); index++ {
		name, value, inline := strings.Cut(args[index], "=")
		next := func() (string, error) {
			if inline {
				return value, nil
			}
			index++
			if index >= len(args) {
				return "", fmt.Errorf("%s needs a value", name)
			}
			return args[index], nil
		}
		var err error
		switch name {
		case "-c", "--config-path":
			options.ConfigPath, err = next()
		case "--disable-hot-restart":
			options.DisableHotRestart = true
		case "--concurrency":
			options.Concurrency, err = nonNegative(name, next)
		case "--drain-time-s":
			var seconds int
			seconds, err = nonNegative(name, next)
			options.DrainTime = time.Duration(seconds) * time.Second
		case "-l", "--log-level":
			options.LogLevel, err = next()
			if err == nil && !logLevels[options.LogLevel] {
				err = fmt.Errorf("%s %q is not one of trace, debug, info, warning, warn, error, critical, off", name, options.LogLevel)
			}
		case "--version":
			options.Version = true
		default:
			err = fmt.Errorf("unknown option %q: the stand-in accepts --config-path, --disable-hot-restart, --concurrency, --drain-time-s, --log-level, --version", args[index])
		}
		if err != nil {
			return Options{}, err
		}
	}
	if options.ConfigPath == "" && !options.Version {
		return Options{}, errors.New("no --config-path: the stand-in, like Envoy here, needs a bootstrap file")
	}
	return options, nil
}

func nonNegative(name string, next func() (string, error)) (int, error) {
	text, err := next()
	if err != nil {
		return 0, err
	}
	number, err := strconv.Atoi(text)
	if err != nil || number < 0 {
		return 0, fmt.Errorf("%s %q is not a non-negative integer", name, text)
	}
	return number, nil
}

func readyDelay() (time.Duration, error) {
	text := os.Getenv("STAND_IN_READY_DELAY")
	if text == "" {
		return defaultReadyDelay, nil
	}
	delay, err := time.ParseDuration(text)
	if err != nil || delay < 0 {
		return 0, fmt.Errorf("STAND_IN_READY_DELAY %q is not a non-negative duration (e.g. 3s)", text)
	}
	return delay, nil
}

// refuse logs why the stand-in will not run, and exits 1 (Envoy exits 1 on a bad configuration).
func refuse(err error) {
	emit("refused", f("error", err.Error()))
	fmt.Fprintln(os.Stderr, "proxy stand-in:", err)
	os.Exit(1)
}

func main() {
	options, err := parseArgs(os.Args[1:])
	if err != nil {
		refuse(err)
	}
	if options.Version {
		fmt.Printf("proxy stand-in %s (not Envoy; Tandem's test image)\n", version)
		return
	}
	delay, err := readyDelay()
	if err != nil {
		refuse(err)
	}
	bootstrap, config, err := loadBootstrap(options.ConfigPath)
	if err != nil {
		refuse(err)
	}
	digest := sha256.Sum256(config)
	emit("start",
		f("stand_in_for", "envoy"), f("version", version), f("pid", os.Getpid()), f("uid", os.Getuid()),
		f("config_path", options.ConfigPath), f("config_sha256", hex.EncodeToString(digest[:])),
		f("disable_hot_restart", options.DisableHotRestart), f("concurrency", options.Concurrency),
		f("drain_time_s", options.DrainTime.Seconds()), f("log_level", options.LogLevel), f("ready_delay_s", delay.Seconds()))
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	server := newServer(bootstrap, options.DrainTime, delay)
	if err := server.start(); err != nil {
		refuse(err)
	}
	received := <-signals
	name := "SIGINT"
	if received == syscall.SIGTERM {
		name = "SIGTERM"
	}
	emit("signal", f("signal", name), f("action", "exit"))
	os.Exit(0)
}
