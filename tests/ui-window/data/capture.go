// capture.go — regenerates the ui-window test data from a real net/http/pprof server.
//
// Copyright 2026 The Pprof Viewer authors
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Run from tests/ui-window/data: go run capture.go
// Writes go-index.html (the /debug/pprof/ page), heap.pb.gz and cpu.pb.gz
// (a 1-second CPU profile of two busy goroutines).
package main

import (
	"crypto/sha256"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"time"
)

var (
	kept [][]byte
	sink [32]byte
)

func allocate() {
	for i := 0; i < 200; i++ {
		kept = append(kept, make([]byte, 4096*(i%7+1)))
	}
}

func hashLoop(stop time.Time) {
	b := make([]byte, 4096)
	for time.Now().Before(stop) {
		sink = sha256.Sum256(b)
		b[0]++
	}
}

func spin(stop time.Time) int {
	x := 0
	for time.Now().Before(stop) {
		for i := 0; i < 1000; i++ {
			x += i * i
		}
	}
	return x
}

func save(base, path, name string) {
	r, err := http.Get(base + path)
	if err != nil {
		panic(err)
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		panic(err)
	}
}

func main() {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		panic(err)
	}
	go http.Serve(ln, nil)
	base := "http://" + ln.Addr().String()

	allocate()
	save(base, "/debug/pprof/", "go-index.html")
	save(base, "/debug/pprof/heap", "heap.pb.gz")

	stop := time.Now().Add(1500 * time.Millisecond)
	go hashLoop(stop)
	go spin(stop)
	save(base, "/debug/pprof/profile?seconds=1", "cpu.pb.gz")
}
