// OpenKruise's pod mutating webhook, served in process, for `npm run bench:peers`.
//
// The handler is kruise-manager's own (pkg/webhook/pod/mutating,
// PodCreateHandler), behind controller-runtime's admission.Webhook, with the
// scheme kruise-manager's main builds and default feature gates. Each request
// is an httptest request and recorder. SidecarSets come from -sidecarsets (a
// JSON list of apps.kruise.io/v1alpha1 SidecarSets); by default (-reader
// cache) they are read the way the manager's informer cache serves them to
// this handler: the handler lists with DisableDeepCopy, so the cache returns
// its stored objects, found through the "namespace" field index. -reader fake
// uses controller-runtime's fake client instead, which deep-copies every
// listed object through JSON. Everything else the handler reads (the pod's
// Namespace, PodUnavailableBudgets, ...) comes from a fake client holding
// only the namespace "default".
//
// Answers the review once into -answer (the caller checks it is an injected
// pod), then times -rounds rounds of -count admissions and writes
// {"usPerAdmission":[...],...} to -result.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"slices"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	k8sruntime "k8s.io/apimachinery/pkg/runtime"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"
	"k8s.io/klog/v2"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/webhook/admission"

	appsv1alpha1 "github.com/openkruise/kruise/apis/apps/v1alpha1"
	appsv1beta1 "github.com/openkruise/kruise/apis/apps/v1beta1"
	policyv1alpha1 "github.com/openkruise/kruise/apis/policy/v1alpha1"
	"github.com/openkruise/kruise/pkg/util/fieldindex"
	"github.com/openkruise/kruise/pkg/webhook/pod/mutating"

	"tandem.dev/test/bench/peers/timing"
)

type result struct {
	timing.Result
	SidecarSets int    `json:"sidecarSets"`
	Reader      string `json:"reader"`
}

func main() {
	reviewPath := flag.String("review", "", "AdmissionReview JSON to send")
	setsPath := flag.String("sidecarsets", "", "JSON list of SidecarSets")
	answerPath := flag.String("answer", "", "where to write the webhook's answer to the first request")
	resultPath := flag.String("result", "", "where to write the timings (JSON)")
	reader := flag.String("reader", "cache", "how the handler reads SidecarSets: cache or fake")
	rounds := flag.Int("rounds", 6, "timed rounds")
	count := flag.Int("count", 2000, "admissions per round")
	flag.Parse()
	klog.SetOutput(os.Stderr)
	if err := run(*reviewPath, *setsPath, *answerPath, *resultPath, *reader, *rounds, *count); err != nil {
		fmt.Fprintln(os.Stderr, "kruise-pod-webhook-bench:", err)
		os.Exit(1)
	}
}

// newScheme is kruise-manager's (main.go init).
func newScheme() *k8sruntime.Scheme {
	scheme := k8sruntime.NewScheme()
	utilruntime.Must(clientgoscheme.AddToScheme(scheme))
	utilruntime.Must(appsv1alpha1.AddToScheme(clientgoscheme.Scheme))
	utilruntime.Must(appsv1beta1.AddToScheme(clientgoscheme.Scheme))
	utilruntime.Must(appsv1alpha1.AddToScheme(scheme))
	utilruntime.Must(appsv1beta1.AddToScheme(scheme))
	utilruntime.Must(policyv1alpha1.AddToScheme(scheme))
	scheme.AddUnversionedTypes(metav1.SchemeGroupVersion, &metav1.UpdateOptions{}, &metav1.DeleteOptions{}, &metav1.CreateOptions{})
	return scheme
}

// cacheReader serves SidecarSet lists as the informer cache does for a
// DisableDeepCopy list with a field-index selector: the stored objects whose
// index values contain the wanted one. Everything else goes to the embedded client.
type cacheReader struct {
	client.Client
	sets []appsv1alpha1.SidecarSet
}

func (c *cacheReader) List(ctx context.Context, list client.ObjectList, opts ...client.ListOption) error {
	out, ok := list.(*appsv1alpha1.SidecarSetList)
	if !ok {
		return c.Client.List(ctx, list, opts...)
	}
	options := (&client.ListOptions{}).ApplyOptions(opts)
	if options.FieldSelector == nil {
		return errors.New("SidecarSet list without a field selector: the handler always uses the namespace index")
	}
	want, found := options.FieldSelector.RequiresExactMatch(fieldindex.IndexNameForSidecarSetNamespace)
	if !found {
		return fmt.Errorf("unexpected SidecarSet field selector %q", options.FieldSelector)
	}
	out.Items = out.Items[:0]
	for i := range c.sets {
		if slices.Contains(fieldindex.IndexSidecarSet(&c.sets[i]), want) {
			out.Items = append(out.Items, c.sets[i])
		}
	}
	return nil
}

func newClient(scheme *k8sruntime.Scheme, sets []appsv1alpha1.SidecarSet, reader string) (client.Client, error) {
	builder := fake.NewClientBuilder().WithScheme(scheme).
		WithObjects(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "default", Labels: map[string]string{"kubernetes.io/metadata.name": "default"}}})
	switch reader {
	case "cache":
		return &cacheReader{Client: builder.Build(), sets: sets}, nil
	case "fake":
		for i := range sets {
			builder = builder.WithObjects(&sets[i])
		}
		return builder.WithIndex(&appsv1alpha1.SidecarSet{}, fieldindex.IndexNameForSidecarSetNamespace, fieldindex.IndexSidecarSet).Build(), nil
	}
	return nil, fmt.Errorf("-reader must be cache or fake, not %q", reader)
}

func run(reviewPath, setsPath, answerPath, resultPath, reader string, rounds, count int) error {
	if reviewPath == "" || setsPath == "" || answerPath == "" || resultPath == "" {
		return errors.New("-review, -sidecarsets, -answer and -result are required")
	}
	body, err := os.ReadFile(reviewPath)
	if err != nil {
		return err
	}
	rawSets, err := os.ReadFile(setsPath)
	if err != nil {
		return err
	}
	var sets []appsv1alpha1.SidecarSet
	if err := json.Unmarshal(rawSets, &sets); err != nil {
		return fmt.Errorf("%s: %w", setsPath, err)
	}
	scheme := newScheme()
	c, err := newClient(scheme, sets, reader)
	if err != nil {
		return err
	}
	webhook := &admission.Webhook{Handler: &mutating.PodCreateHandler{Client: c, Decoder: admission.NewDecoder(scheme)}}

	admit := func() *httptest.ResponseRecorder {
		return timing.Serve(webhook, "http://kruise-webhook/mutate-pod", body)
	}
	out, err := timing.Run(admit, answerPath, 500, rounds, count)
	if err != nil {
		return err
	}
	return timing.Write(resultPath, result{Result: out, SidecarSets: len(sets), Reader: reader})
}
