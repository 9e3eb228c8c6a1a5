package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// What the stand-in reads of an Envoy v3 bootstrap: the parts
// deploy/examples/proxy-bootstrap.yaml uses, and nothing else. Whatever it
// cannot honour (another filter, another cluster type, a route to a cluster
// that does not exist) is refused by name rather than ignored, so a pod never
// runs a stand-in that quietly does less than its configuration says. Field
// names and types are checked against Envoy's own API elsewhere
// (test/cluster/envoy-validate); unknown fields are not this program's
// concern and are skipped.

const (
	filterHTTP        = "envoy.filters.network.http_connection_manager"
	filterTCPProxy    = "envoy.filters.network.tcp_proxy"
	filterOriginalDst = "envoy.filters.listener.original_dst"
	clusterStatic     = "STATIC"
	clusterOrigDst    = "ORIGINAL_DST"
	directionInbound  = "INBOUND"
	directionOutbound = "OUTBOUND"
	directionNone     = "UNSPECIFIED"
)

type socketAddress struct {
	Address   string `yaml:"address"`
	PortValue int    `yaml:"port_value"`
}

type address struct {
	SocketAddress *socketAddress `yaml:"socket_address"`
}

type route struct {
	Match struct {
		Path   string `yaml:"path"`
		Prefix string `yaml:"prefix"`
	} `yaml:"match"`
	Route struct {
		Cluster string `yaml:"cluster"`
	} `yaml:"route"`
}

type typedConfig struct {
	RouteConfig *struct {
		VirtualHosts []struct {
			Routes []route `yaml:"routes"`
		} `yaml:"virtual_hosts"`
	} `yaml:"route_config"`
	Cluster string `yaml:"cluster"`
}

type listenerConfig struct {
	Name             string  `yaml:"name"`
	Address          address `yaml:"address"`
	TrafficDirection string  `yaml:"traffic_direction"`
	ListenerFilters  []struct {
		Name string `yaml:"name"`
	} `yaml:"listener_filters"`
	FilterChains []struct {
		Filters []struct {
			Name        string      `yaml:"name"`
			TypedConfig typedConfig `yaml:"typed_config"`
		} `yaml:"filters"`
	} `yaml:"filter_chains"`
}

type clusterConfig struct {
	Name           string `yaml:"name"`
	Type           string `yaml:"type"`
	ConnectTimeout string `yaml:"connect_timeout"`
	LoadAssignment struct {
		Endpoints []struct {
			LbEndpoints []struct {
				Endpoint struct {
					Address address `yaml:"address"`
				} `yaml:"endpoint"`
			} `yaml:"lb_endpoints"`
		} `yaml:"endpoints"`
	} `yaml:"load_assignment"`
	UpstreamBindConfig *struct {
		SourceAddress socketAddress `yaml:"source_address"`
	} `yaml:"upstream_bind_config"`
}

type bootstrapFile struct {
	Admin struct {
		Address address `yaml:"address"`
	} `yaml:"admin"`
	StaticResources struct {
		Listeners []listenerConfig `yaml:"listeners"`
		Clusters  []clusterConfig  `yaml:"clusters"`
	} `yaml:"static_resources"`
}

// Cluster is where a listener sends what it accepts.
type Cluster struct {
	Name string
	// OriginalDestination: connect to where the client meant to go (SO_ORIGINAL_DST).
	OriginalDestination bool
	// Endpoint of a STATIC cluster.
	Endpoint netip.AddrPort
	// Source address to bind upstream connections to (upstream_bind_config), if any.
	Source         netip.Addr
	ConnectTimeout time.Duration
}

// Route sends requests whose path matches to a cluster.
type Route struct {
	Path    string
	Prefix  string
	Cluster *Cluster
}

// Listener is one listener of the bootstrap, as the stand-in serves it.
type Listener struct {
	Name      string
	Address   netip.AddrPort
	Direction string
	// OriginalDst: the original_dst listener filter (the connection was redirected here).
	OriginalDst bool
	// HTTP listeners route requests; TCP proxy listeners send connections to TCPCluster.
	HTTP       bool
	Routes     []Route
	TCPCluster *Cluster
}

// Bootstrap is the configuration the stand-in runs.
type Bootstrap struct {
	Admin     netip.AddrPort
	Listeners []Listener
}

// loadBootstrap reads and checks the file Envoy would be given with --config-path.
func loadBootstrap(path string) (Bootstrap, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Bootstrap{}, nil, fmt.Errorf("cannot read the configuration: %w", err)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Bootstrap{}, nil, fmt.Errorf("%s is empty", path)
	}
	var file bootstrapFile
	if err := yaml.Unmarshal(data, &file); err != nil {
		return Bootstrap{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	bootstrap, err := checkBootstrap(file)
	if err != nil {
		return Bootstrap{}, nil, fmt.Errorf("%s: %w", path, err)
	}
	return bootstrap, data, nil
}

func checkBootstrap(file bootstrapFile) (Bootstrap, error) {
	admin, err := socket(file.Admin.Address, "admin.address")
	if err != nil {
		return Bootstrap{}, err
	}
	clusters := map[string]*Cluster{}
	for index, config := range file.StaticResources.Clusters {
		cluster, err := checkCluster(config, index)
		if err != nil {
			return Bootstrap{}, err
		}
		if _, seen := clusters[cluster.Name]; seen {
			return Bootstrap{}, fmt.Errorf("cluster %q is defined twice", cluster.Name)
		}
		clusters[cluster.Name] = cluster
	}
	bootstrap := Bootstrap{Admin: admin}
	ports := map[uint16]string{admin.Port(): "admin"}
	for index, config := range file.StaticResources.Listeners {
		listener, err := checkListener(config, index, clusters)
		if err != nil {
			return Bootstrap{}, err
		}
		if other, taken := ports[listener.Address.Port()]; taken {
			return Bootstrap{}, fmt.Errorf("listener %q: port %d is %s's too", listener.Name, listener.Address.Port(), other)
		}
		ports[listener.Address.Port()] = listener.Name
		bootstrap.Listeners = append(bootstrap.Listeners, listener)
	}
	return bootstrap, nil
}

func socket(a address, where string) (netip.AddrPort, error) {
	if a.SocketAddress == nil {
		return netip.AddrPort{}, fmt.Errorf("%s: no socket_address (the stand-in serves TCP socket addresses only)", where)
	}
	ip, err := netip.ParseAddr(a.SocketAddress.Address)
	if err != nil {
		return netip.AddrPort{}, fmt.Errorf("%s: address %q is not an IP address", where, a.SocketAddress.Address)
	}
	if a.SocketAddress.PortValue < 1 || a.SocketAddress.PortValue > 65535 {
		return netip.AddrPort{}, fmt.Errorf("%s: port_value %d is not a port from 1 to 65535", where, a.SocketAddress.PortValue)
	}
	return netip.AddrPortFrom(ip, uint16(a.SocketAddress.PortValue)), nil
}

func checkCluster(config clusterConfig, index int) (*Cluster, error) {
	where := fmt.Sprintf("static_resources.clusters[%d]", index)
	if config.Name == "" {
		return nil, fmt.Errorf("%s: no name", where)
	}
	where = fmt.Sprintf("cluster %q", config.Name)
	cluster := &Cluster{Name: config.Name, ConnectTimeout: 5 * time.Second}
	if config.ConnectTimeout != "" {
		timeout, err := time.ParseDuration(config.ConnectTimeout)
		if err != nil || timeout <= 0 {
			return nil, fmt.Errorf("%s: connect_timeout %q is not a positive duration", where, config.ConnectTimeout)
		}
		cluster.ConnectTimeout = timeout
	}
	if config.UpstreamBindConfig != nil {
		source, err := netip.ParseAddr(config.UpstreamBindConfig.SourceAddress.Address)
		if err != nil {
			return nil, fmt.Errorf("%s: upstream_bind_config.source_address %q is not an IP address", where, config.UpstreamBindConfig.SourceAddress.Address)
		}
		cluster.Source = source
	}
	switch config.Type {
	case clusterOrigDst:
		cluster.OriginalDestination = true
	case clusterStatic, "":
		var endpoints []netip.AddrPort
		for _, group := range config.LoadAssignment.Endpoints {
			for _, lb := range group.LbEndpoints {
				endpoint, err := socket(lb.Endpoint.Address, where+": endpoint")
				if err != nil {
					return nil, err
				}
				endpoints = append(endpoints, endpoint)
			}
		}
		if len(endpoints) != 1 {
			return nil, fmt.Errorf("%s: the stand-in serves STATIC clusters of exactly one endpoint, not %d", where, len(endpoints))
		}
		cluster.Endpoint = endpoints[0]
	default:
		return nil, fmt.Errorf("%s: type %s is not one the stand-in serves (STATIC, ORIGINAL_DST)", where, config.Type)
	}
	return cluster, nil
}

func checkListener(config listenerConfig, index int, clusters map[string]*Cluster) (Listener, error) {
	where := fmt.Sprintf("static_resources.listeners[%d]", index)
	if config.Name == "" {
		return Listener{}, fmt.Errorf("%s: no name", where)
	}
	where = fmt.Sprintf("listener %q", config.Name)
	addr, err := socket(config.Address, where+": address")
	if err != nil {
		return Listener{}, err
	}
	listener := Listener{Name: config.Name, Address: addr, Direction: config.TrafficDirection}
	switch config.TrafficDirection {
	case "":
		listener.Direction = directionNone
	case directionInbound, directionOutbound, directionNone:
	default:
		return Listener{}, fmt.Errorf("%s: traffic_direction %q is not INBOUND, OUTBOUND or UNSPECIFIED", where, config.TrafficDirection)
	}
	for _, filter := range config.ListenerFilters {
		if filter.Name != filterOriginalDst {
			return Listener{}, fmt.Errorf("%s: listener filter %q is not one the stand-in serves (%s)", where, filter.Name, filterOriginalDst)
		}
		listener.OriginalDst = true
	}
	if len(config.FilterChains) != 1 || len(config.FilterChains[0].Filters) != 1 {
		return Listener{}, errors.New(where + ": the stand-in serves listeners of one filter chain with one network filter")
	}
	filter := config.FilterChains[0].Filters[0]
	lookup := func(name, what string) (*Cluster, error) {
		cluster, found := clusters[name]
		if !found {
			return nil, fmt.Errorf("%s: %s names cluster %q, which static_resources does not define", where, what, name)
		}
		return cluster, nil
	}
	switch filter.Name {
	case filterHTTP:
		return httpListener(listener, filter.TypedConfig, where, lookup)
	case filterTCPProxy:
		cluster, err := lookup(filter.TypedConfig.Cluster, "tcp_proxy")
		if err != nil {
			return Listener{}, err
		}
		if cluster.OriginalDestination && !listener.OriginalDst {
			return Listener{}, fmt.Errorf("%s: cluster %q is ORIGINAL_DST but the listener has no %s filter", where, cluster.Name, filterOriginalDst)
		}
		listener.TCPCluster = cluster
		return listener, nil
	default:
		return Listener{}, fmt.Errorf("%s: network filter %q is not one the stand-in serves (%s, %s)", where, filter.Name, filterHTTP, filterTCPProxy)
	}
}

func httpListener(listener Listener, config typedConfig, where string, lookup func(name, what string) (*Cluster, error)) (Listener, error) {
	listener.HTTP = true
	if config.RouteConfig == nil {
		return Listener{}, errors.New(where + ": http_connection_manager without an inline route_config")
	}
	for _, host := range config.RouteConfig.VirtualHosts {
		for _, r := range host.Routes {
			if (r.Match.Path == "") == (r.Match.Prefix == "") {
				return Listener{}, fmt.Errorf("%s: a route must match exactly one of path or prefix (the stand-in serves no other match)", where)
			}
			cluster, err := lookup(r.Route.Cluster, "a route")
			if err != nil {
				return Listener{}, err
			}
			if cluster.OriginalDestination {
				return Listener{}, fmt.Errorf("%s: route to ORIGINAL_DST cluster %q is not served by the stand-in", where, cluster.Name)
			}
			listener.Routes = append(listener.Routes, Route{Path: r.Match.Path, Prefix: r.Match.Prefix, Cluster: cluster})
		}
	}
	return listener, nil
}

// match is the first route for path, in the order of the configuration (Envoy's order).
func (l Listener) match(path string) (Route, bool) {
	for _, r := range l.Routes {
		if (r.Path != "" && r.Path == path) || (r.Prefix != "" && strings.HasPrefix(path, r.Prefix)) {
			return r, true
		}
	}
	return Route{}, false
}
