// main.go — a net/http/pprof server that leaks on purpose, for the watch tests.
//
// Copyright 2026 The Pprof Viewer authors
// SPDX-License-Identifier: GPL-3.0-or-later

// It listens on 127.0.0.1 on a port the kernel picks, prints
// "listening on 127.0.0.1:PORT" on standard output and exits when standard
// input closes (so a test script cannot leave it running).  Every tick
// (-tick, default 250ms) main.leakyCache keeps another -grow bytes (64 KiB)
// alive, and every -park ticks (3) main.parkForever parks one more
// goroutine for good.  runtime.MemProfileRate is 1, so the heap profile
// records every allocation, and each tick ends with two collections, so
// the profile (which reports as of the last completed GC) is up to date.
package main

import (
	"flag"
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

func init() {
	// Before any allocation worth recording.
	runtime.MemProfileRate = 1
}

var (
	mu     sync.Mutex
	leaked [][]byte
	forever = make(chan struct{})
)

//go:noinline
func leakyCache(n int) {
	mu.Lock()
	leaked = append(leaked, make([]byte, n))
	mu.Unlock()
}

//go:noinline
func parkForever() {
	<-forever
}

func main() {
	tick := flag.Duration("tick", 250*time.Millisecond, "time between two leaks")
	grow := flag.Int("grow", 64<<10, "bytes leaked per tick")
	park := flag.Int("park", 3, "park a goroutine every this many ticks")
	flag.Parse()

	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}

	go func() {
		for n := 1; ; n++ {
			leakyCache(*grow)
			if n%*park == 0 {
				go parkForever()
			}
			runtime.GC()
			runtime.GC()
			time.Sleep(*tick)
		}
	}()

	fmt.Printf("listening on %s\n", listener.Addr())
	os.Stdout.Sync()

	go func() {
		io.Copy(io.Discard, os.Stdin)
		os.Exit(0)
	}()
	http.Serve(listener, nil)
}
