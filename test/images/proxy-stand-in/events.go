package main

import (
	"encoding/json"
	"os"
	"strings"
	"sync"
	"time"
)

// field is one key of an event line, in the order given.
type field struct {
	key   string
	value any
}

func f(key string, value any) field { return field{key, value} }

var stdoutLock sync.Mutex

// emit writes one event as one JSON line on stdout: {"time":...,"event":name,...}.
// Tests read these lines from `kubectl logs`; the keys keep their order so a
// person reading the log sees the event first.
func emit(name string, fields ...field) {
	var line strings.Builder
	line.WriteString(`{"time":`)
	writeJSON(&line, time.Now().UTC().Format(time.RFC3339Nano))
	line.WriteString(`,"event":`)
	writeJSON(&line, name)
	for _, field := range fields {
		line.WriteByte(',')
		writeJSON(&line, field.key)
		line.WriteByte(':')
		writeJSON(&line, field.value)
	}
	line.WriteString("}\n")
	stdoutLock.Lock()
	defer stdoutLock.Unlock()
	_, _ = os.Stdout.WriteString(line.String())
}

func writeJSON(out *strings.Builder, value any) {
	encoded, err := json.Marshal(value)
	if err != nil {
		encoded, _ = json.Marshal(err.Error())
	}
	out.Write(encoded)
}
