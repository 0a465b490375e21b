// Package faultmatrix holds the fault-matrix test suite: every fault the
// simulator can inject, against each class of endpoint (admin lists,
// per-project lists, compliance lists, single-object reads), through the real
// client, the snapshot loader and the posture engine. It proves the provider
// fails closed: no posture check passes on data that was not fully read.
//
// The package has no non-test code; run it with
//
//	go test -v -run TestFaultMatrix ./internal/faultmatrix/
//
// which prints the matrix. The same table is in
// templates/guides/fault-matrix.md.tmpl; run the test with -update-doc after a
// behaviour change to rewrite it.
package faultmatrix
