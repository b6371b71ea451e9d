// main.go — a tiny net/http/pprof server for the fetch integration test.
//
// Copyright 2026 The Pprof Viewer authors
// SPDX-License-Identifier: GPL-3.0-or-later

// It listens on 127.0.0.1 on a port the kernel picks, prints
// "listening on 127.0.0.1:PORT" on standard output, keeps some memory
// alive so the heap profile has records, contends on a mutex once for the
// block and mutex profiles, and exits when standard input
// closes (so a test script cannot leave it running).
package main

import (
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"sync"
	"time"
)

var keep [][]byte

//go:noinline
func allocate(n int) {
	for i := 0; i < n; i++ {
		keep = append(keep, make([]byte, 64<<10))
	}
}

var mu sync.Mutex

// contend gives the block and mutex profiles one record each.
//
//go:noinline
func contend() {
	runtime.SetBlockProfileRate(1)
	runtime.SetMutexProfileFraction(1)
	done := make(chan bool)
	mu.Lock()
	go func() {
		mu.Lock()
		mu.Unlock()
		done <- true
	}()
	time.Sleep(20 * time.Millisecond)
	mu.Unlock()
	<-done
}

func main() {
	allocate(64)
	contend()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s\n", ln.Addr())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	if err := http.Serve(ln, nil); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
