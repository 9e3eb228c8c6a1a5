// Package timing is what both peer harnesses of `npm run bench:peers` do
// around the admissions they serve: answer once for the caller to check, warm
// up, time rounds, count allocations, and write the figures as JSON.
package timing

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"time"
)

// Result is what a harness writes to its -result file.
type Result struct {
	UsPerAdmission     []float64 `json:"usPerAdmission"`
	AllocsPerAdmission float64   `json:"allocsPerAdmission"`
	BytesPerAdmission  float64   `json:"bytesPerAdmission"`
	GoMaxProcs         int       `json:"gomaxprocs"`
}

// Run makes one admission and writes its answer to answerPath (an error
// unless HTTP 200), then runs warmup admissions, then rounds of count, each timed.
func Run(admit func() *httptest.ResponseRecorder, answerPath string, warmup, rounds, count int) (Result, error) {
	answer := admit()
	if answer.Code != http.StatusOK {
		return Result{}, fmt.Errorf("webhook answered HTTP %d: %s", answer.Code, answer.Body.String())
	}
	if err := os.WriteFile(answerPath, answer.Body.Bytes(), 0o644); err != nil {
		return Result{}, err
	}
	for i := 0; i < warmup; i++ {
		admit()
	}
	out := Result{GoMaxProcs: runtime.GOMAXPROCS(0)}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for r := 0; r < rounds; r++ {
		start := time.Now()
		for i := 0; i < count; i++ {
			admit()
		}
		out.UsPerAdmission = append(out.UsPerAdmission, float64(time.Since(start).Microseconds())/float64(count))
	}
	runtime.ReadMemStats(&after)
	total := float64(rounds * count)
	out.AllocsPerAdmission = float64(after.Mallocs-before.Mallocs) / total
	out.BytesPerAdmission = float64(after.TotalAlloc-before.TotalAlloc) / total
	return out, nil
}

// Serve is one admission: a POST of body to handler through an httptest
// request and recorder, the work Istio's own BenchmarkInjectServe times.
func Serve(handler http.Handler, url string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Add("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	return rec
}

// Write writes any result value as JSON to path.
func Write(path string, result any) error {
	encoded, err := json.Marshal(result)
	if err != nil {
		return err
	}
	return os.WriteFile(path, encoded, 0o644)
}
