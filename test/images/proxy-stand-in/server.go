package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/netip"
	"net/url"
	"sync"
	"syscall"
	"time"
)

// Server states, as Envoy's /ready names them.
const (
	stateInitializing = "INITIALIZING"
	stateLive         = "LIVE"
	stateDraining     = "DRAINING"
)

// soOriginalDst is SO_ORIGINAL_DST (linux/netfilter_ipv4.h): the destination
// a connection had before an iptables REDIRECT.
const soOriginalDst = 80

// Server is the running stand-in: the admin interface and the listeners.
type Server struct {
	bootstrap Bootstrap
	drainTime time.Duration
	liveAt    time.Time

	mu                sync.Mutex
	healthCheckFailed bool
	// draining: a graceful drain started (HTTP answers carry Connection: close).
	draining bool
	open     map[string]io.Closer
}

func newServer(bootstrap Bootstrap, drainTime, readyDelay time.Duration) *Server {
	return &Server{bootstrap: bootstrap, drainTime: drainTime, liveAt: time.Now().Add(readyDelay), open: map[string]io.Closer{}}
}

// state is what /ready answers: INITIALIZING until the ready delay is over
// (Envoy's initialization), then LIVE, DRAINING after /healthcheck/fail.
// Like Envoy, /drain_listeners does not change it.
func (s *Server) state() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if time.Now().Before(s.liveAt) {
		return stateInitializing
	}
	if s.healthCheckFailed {
		return stateDraining
	}
	return stateLive
}

// start binds the admin address and every listener, and serves them; the
// event "live" marks the end of the ready delay.
func (s *Server) start() error {
	time.AfterFunc(time.Until(s.liveAt), func() { emit("live") })
	adminListener, err := listen(s.bootstrap.Admin)
	if err != nil {
		return fmt.Errorf("admin: %w", err)
	}
	go serveHTTP(adminListener, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.admin(w, r, "admin") }))
	emit("listening", f("listener", "admin"), f("address", s.bootstrap.Admin.String()))
	for _, listener := range s.bootstrap.Listeners {
		socket, err := listen(listener.Address)
		if err != nil {
			return fmt.Errorf("listener %q: %w", listener.Name, err)
		}
		s.mu.Lock()
		s.open[listener.Name] = socket
		s.mu.Unlock()
		kind := "tcp_proxy"
		if listener.HTTP {
			kind = "http"
			go serveHTTP(socket, s.httpHandler(listener))
		} else {
			go s.serveTCP(socket, listener)
		}
		emit("listening", f("listener", listener.Name), f("address", listener.Address.String()), f("direction", listener.Direction), f("kind", kind), f("original_dst", listener.OriginalDst))
	}
	return nil
}

func listen(address netip.AddrPort) (net.Listener, error) {
	network := "tcp6"
	if address.Addr().Is4() {
		network = "tcp4"
	}
	return net.Listen(network, address.String())
}

func serveHTTP(socket net.Listener, handler http.Handler) {
	server := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	// Serve returns when the listener is stopped; connections already accepted go on.
	_ = server.Serve(socket)
}

// admin serves the parts of Envoy's admin interface the SidecarSet and the
// bootstrap use: /ready, /drain_listeners, /healthcheck/fail|ok, /stats/prometheus.
func (s *Server) admin(w http.ResponseWriter, r *http.Request, via string) {
	switch r.URL.Path {
	case "/ready":
		state := s.state()
		status := http.StatusOK
		if state != stateLive {
			status = http.StatusServiceUnavailable
		}
		emit("ready", f("status", status), f("state", state), f("via", via), f("peer", r.RemoteAddr), f("user_agent", r.UserAgent()))
		w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, state+"\n")
	case "/drain_listeners":
		if !requirePost(w, r, via) {
			return
		}
		s.drainListeners(w, r)
	case "/healthcheck/fail", "/healthcheck/ok":
		if !requirePost(w, r, via) {
			return
		}
		s.mu.Lock()
		s.healthCheckFailed = r.URL.Path == "/healthcheck/fail"
		s.mu.Unlock()
		emit("healthcheck", f("failed", r.URL.Path == "/healthcheck/fail"))
		_, _ = io.WriteString(w, "OK\n")
	case "/stats/prometheus":
		live := 0
		if s.state() == stateLive {
			live = 1
		}
		w.Header().Set("Content-Type", "text/plain; version=0.0.4")
		_, _ = fmt.Fprintf(w, "# The Tandem proxy stand-in (not Envoy) keeps no statistics but this one.\n# TYPE envoy_server_live gauge\nenvoy_server_live{} %d\n", live)
	default:
		emit("admin_request", f("status", http.StatusNotFound), f("method", r.Method), f("path", r.URL.Path), f("via", via))
		http.Error(w, "invalid path: the stand-in's admin interface serves /ready, /drain_listeners, /healthcheck/fail, /healthcheck/ok, /stats/prometheus", http.StatusNotFound)
	}
}

// requirePost answers 405 to anything but POST, as Envoy does for the paths that change its state.
func requirePost(w http.ResponseWriter, r *http.Request, via string) bool {
	if r.Method == http.MethodPost {
		return true
	}
	emit("admin_request", f("status", http.StatusMethodNotAllowed), f("method", r.Method), f("path", r.URL.Path), f("via", via))
	http.Error(w, fmt.Sprintf("Method %s not allowed, POST required.", r.Method), http.StatusMethodNotAllowed)
	return false
}

// drainListeners is Envoy's POST /drain_listeners: with inboundonly only the
// listeners whose traffic_direction is INBOUND stop (UNSPECIFIED ones are
// not inbound); with graceful they stop after --drain-time-s, and meanwhile
// HTTP answers ask clients to close their connections.
func (s *Server) drainListeners(w http.ResponseWriter, r *http.Request) {
	query := r.URL.Query()
	graceful, inboundOnly, skipExit := query.Has("graceful"), query.Has("inboundonly"), query.Has("skip_exit")
	if skipExit && !graceful {
		http.Error(w, "skip_exit requires graceful", http.StatusBadRequest)
		return
	}
	stopping := []string{}
	for _, listener := range s.bootstrap.Listeners {
		if !inboundOnly || listener.Direction == directionInbound {
			stopping = append(stopping, listener.Name)
		}
	}
	s.mu.Lock()
	already := s.draining
	if graceful {
		s.draining = true
	}
	s.mu.Unlock()
	emit("drain_listeners", f("graceful", graceful), f("inbound_only", inboundOnly), f("skip_exit", skipExit), f("stops", stopping), f("drain_time_s", s.drainTime.Seconds()), f("ignored", graceful && already))
	switch {
	case graceful && already:
		// Envoy ignores a graceful drain while one runs.
	case graceful:
		time.AfterFunc(s.drainTime, func() {
			if !skipExit {
				s.stop(stopping)
			}
		})
	default:
		s.stop(stopping)
	}
	_, _ = io.WriteString(w, "OK\n")
}

func (s *Server) stop(names []string) {
	for _, name := range names {
		s.mu.Lock()
		socket, open := s.open[name]
		delete(s.open, name)
		s.mu.Unlock()
		if open {
			_ = socket.Close()
			emit("listener_stopped", f("listener", name))
		}
	}
}

// httpHandler routes a listener's requests as its route_config says: to the
// admin interface (a STATIC cluster whose endpoint is the admin address) or
// to the cluster's endpoint over HTTP/1.1.
func (s *Server) httpHandler(listener Listener) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		draining := s.draining
		s.mu.Unlock()
		if draining {
			w.Header().Set("Connection", "close")
		}
		route, found := listener.match(r.URL.Path)
		if !found {
			emit("request", f("listener", listener.Name), f("method", r.Method), f("path", r.URL.Path), f("status", http.StatusNotFound), f("peer", r.RemoteAddr))
			w.WriteHeader(http.StatusNotFound)
			return
		}
		if route.Cluster.Endpoint == s.bootstrap.Admin {
			s.admin(w, r, listener.Name)
			return
		}
		recorder := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		proxy := &httputil.ReverseProxy{
			Rewrite: func(out *httputil.ProxyRequest) {
				out.SetURL(&url.URL{Scheme: "http", Host: route.Cluster.Endpoint.String()})
				out.Out.Host = out.In.Host
			},
			Transport: &http.Transport{DialContext: (&net.Dialer{Timeout: route.Cluster.ConnectTimeout}).DialContext, DisableKeepAlives: true},
			ErrorHandler: func(w http.ResponseWriter, _ *http.Request, err error) {
				emit("upstream_failed", f("listener", listener.Name), f("cluster", route.Cluster.Name), f("error", err.Error()))
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = io.WriteString(w, "upstream connect error\n")
			},
		}
		proxy.ServeHTTP(recorder, r)
		emit("request", f("listener", listener.Name), f("method", r.Method), f("path", r.URL.Path), f("cluster", route.Cluster.Name), f("status", recorder.status), f("peer", r.RemoteAddr))
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// serveTCP is a tcp_proxy listener: every connection is logged with its
// original destination and piped to the cluster (for ORIGINAL_DST, to
// where the client meant to go).
func (s *Server) serveTCP(socket net.Listener, listener Listener) {
	for {
		conn, err := socket.Accept()
		if err != nil {
			return
		}
		go s.proxyConnection(conn.(*net.TCPConn), listener)
	}
}

func (s *Server) proxyConnection(downstream *net.TCPConn, listener Listener) {
	defer downstream.Close()
	fields := []field{f("listener", listener.Name), f("direction", listener.Direction), f("peer", downstream.RemoteAddr().String())}
	cluster := listener.TCPCluster
	target := cluster.Endpoint
	if listener.OriginalDst {
		original, err := originalDestination(downstream)
		if err != nil {
			emit("connection", append(fields, f("error", "no original destination: "+err.Error()))...)
			return
		}
		fields = append(fields, f("original_dst", original.String()))
		if cluster.OriginalDestination {
			target = original
		}
	}
	local := netip.MustParseAddrPort(downstream.LocalAddr().String())
	if target == local || (target.Port() == listener.Address.Port() && target.Addr().IsLoopback()) {
		// Not redirected: the client dialled the listener itself, and proxying would loop.
		emit("connection", append(fields, f("error", "not redirected here: the destination is this listener"))...)
		return
	}
	dialer := net.Dialer{Timeout: cluster.ConnectTimeout}
	if cluster.Source.IsValid() {
		dialer.LocalAddr = &net.TCPAddr{IP: cluster.Source.AsSlice()}
		fields = append(fields, f("source", cluster.Source.String()))
	}
	fields = append(fields, f("cluster", cluster.Name), f("upstream", target.String()))
	upstreamConn, err := dialer.Dial("tcp", target.String())
	if err != nil {
		emit("connection", append(fields, f("error", err.Error()))...)
		return
	}
	upstream := upstreamConn.(*net.TCPConn)
	defer upstream.Close()
	emit("connection", fields...)
	done := make(chan struct{}, 2)
	pipe := func(to, from *net.TCPConn) {
		_, _ = io.Copy(to, from)
		_ = to.CloseWrite()
		done <- struct{}{}
	}
	go pipe(upstream, downstream)
	go pipe(downstream, upstream)
	<-done
	<-done
}

// originalDestination reads SO_ORIGINAL_DST (IPv4): where the connection
// went before the capture's REDIRECT. The kernel writes a sockaddr_in
// (family, port, address) into the first 8 bytes of the buffer.
func originalDestination(conn *net.TCPConn) (netip.AddrPort, error) {
	raw, err := conn.SyscallConn()
	if err != nil {
		return netip.AddrPort{}, err
	}
	var original netip.AddrPort
	var sockErr error
	err = raw.Control(func(fd uintptr) {
		mreq, err := syscall.GetsockoptIPv6Mreq(int(fd), syscall.SOL_IP, soOriginalDst)
		if err != nil {
			sockErr = err
			return
		}
		port := uint16(mreq.Multiaddr[2])<<8 | uint16(mreq.Multiaddr[3])
		original = netip.AddrPortFrom(netip.AddrFrom4([4]byte(mreq.Multiaddr[4:8])), port)
	})
	if err != nil {
		return netip.AddrPort{}, err
	}
	return original, sockErr
}
