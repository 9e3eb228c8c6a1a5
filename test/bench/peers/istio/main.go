// Istio's sidecar injector, served in process, for `npm run bench:peers`.
//
// The webhook is set up as Istio's own BenchmarkInjectServe sets it up
// (pkg/kube/inject/webhook_test.go: getInjectionSettings + createWebhook): the
// default injection template and values rendered from the charts that ship in
// the istio.io/istio module, the default MeshConfig, no ProxyConfig resources,
// a fake multicluster controller. Only exported API is used, so each request
// goes through the webhook's own mux ("/inject" -> serveInject) with an
// httptest request and recorder, the work BenchmarkInjectServePC0 times.
//
// Reads one AdmissionReview (-review), answers it once into -answer (the
// caller checks it is an injected pod), then times -rounds rounds of -count
// admissions and writes {"usPerAdmission":[...],...} to -result.
package main

import (
	"errors"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"

	"istio.io/istio/operator/pkg/render"
	"istio.io/istio/pilot/pkg/model"
	"istio.io/istio/pkg/config/mesh"
	"istio.io/istio/pkg/config/mesh/meshwatcher"
	"istio.io/istio/pkg/config/schema/gvk"
	"istio.io/istio/pkg/kube/inject"
	"istio.io/istio/pkg/kube/multicluster"

	"tandem.dev/test/bench/peers/timing"
)

func main() {
	manifests := flag.String("manifests", "", "the manifests/ directory of the istio.io/istio module")
	reviewPath := flag.String("review", "", "AdmissionReview JSON to send")
	answerPath := flag.String("answer", "", "where to write the webhook's answer to the first request")
	resultPath := flag.String("result", "", "where to write the timings (JSON)")
	rounds := flag.Int("rounds", 6, "timed rounds")
	count := flag.Int("count", 300, "admissions per round")
	flag.Parse()
	if err := run(*manifests, *reviewPath, *answerPath, *resultPath, *rounds, *count); err != nil {
		fmt.Fprintln(os.Stderr, "istio-inject-bench:", err)
		os.Exit(1)
	}
}

func run(manifests, reviewPath, answerPath, resultPath string, rounds, count int) error {
	if manifests == "" || reviewPath == "" || answerPath == "" || resultPath == "" {
		return errors.New("-manifests, -review, -answer and -result are required")
	}
	body, err := os.ReadFile(reviewPath)
	if err != nil {
		return err
	}
	// Istio logs at info to stdout, as istiod does (two lines per request).
	mux, stop, err := newInjector(manifests)
	if err != nil {
		return err
	}
	defer close(stop)

	admit := func() *httptest.ResponseRecorder { return timing.Serve(mux, "http://sidecar-injector/inject", body) }
	out, err := timing.Run(admit, answerPath, 200, rounds, count)
	if err != nil {
		return err
	}
	return timing.Write(resultPath, out)
}

// newInjector renders the injection ConfigMap from the module's charts (as
// getInjectionSettings does) and starts a webhook on a fresh mux.
func newInjector(manifests string) (*http.ServeMux, chan struct{}, error) {
	sets, _, err := render.GenerateManifest(nil,
		[]string{"installPackagePath=" + manifests, "profile=empty", "components.pilot.enabled=true"}, false, nil, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("rendering Istio's charts: %w", err)
	}
	var config, values string
	for _, set := range sets {
		for _, object := range set.Manifests {
			if object.GetName() != "istio-sidecar-injector" || object.GetKind() != gvk.ConfigMap.Kind {
				continue
			}
			data, _ := object.Object["data"].(map[string]any)
			config, _ = data["config"].(string)
			values, _ = data["values"].(string)
		}
	}
	if config == "" || values == "" {
		return nil, nil, errors.New("no istio-sidecar-injector ConfigMap with config and values in the rendered charts")
	}
	dir, err := os.MkdirTemp("", "istio-inject-bench")
	if err != nil {
		return nil, nil, err
	}
	configFile, valuesFile := filepath.Join(dir, "config"), filepath.Join(dir, "values")
	if err := os.WriteFile(configFile, []byte(config), 0o644); err != nil {
		return nil, nil, err
	}
	if err := os.WriteFile(valuesFile, []byte(values), 0o644); err != nil {
		return nil, nil, err
	}
	watcher, err := inject.NewFileWatcher(configFile, valuesFile)
	if err != nil {
		return nil, nil, err
	}
	meshConfig := mesh.DefaultMeshConfig()
	store := model.NewFakeStore()
	env := model.Environment{Watcher: meshwatcher.NewTestWatcher(meshConfig), ConfigStore: store}
	env.SetPushContext(&model.PushContext{ProxyConfigs: model.GetProxyConfigs(store, meshConfig)})
	mux := http.NewServeMux()
	wh, err := inject.NewWebhook(inject.WebhookParameters{
		Watcher: watcher, Env: &env, Mux: mux, MultiCluster: multicluster.NewFakeController(),
	})
	if err != nil {
		return nil, nil, err
	}
	stop := make(chan struct{})
	wh.Run(stop)
	return mux, stop, nil
}
