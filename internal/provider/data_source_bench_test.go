package provider

import (
	"context"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// BenchmarkDataSourceRead is the provider's side of planning the large
// inventory data sources over the 16x org of cmd/benchposture, in process:
// ConfigureProvider then ReadDataSource through the protocol-6 server, so
// the cost of the framework and of encoding the state for Terraform is
// included (the gRPC hop is not). Each data source is read through Server
// (as main serves it: lists encoded directly) and through the framework
// alone (providerserver.NewProtocol6), for the comparison in BENCHMARKS.md.
// It reports the peak heap seen while reading (sampled every millisecond,
// live and not yet collected objects, above the heap at rest, which holds the
// simulator's fixture) and, with -memprofile, where the bytes were allocated.
//
//	go test -run '^$' -bench DataSourceRead -benchtime 1x -benchmem ./internal/provider/
//	go test -run '^$' -bench 'DataSourceRead/openai_users/direct' -benchtime 1x -memprofile users.mem ./internal/provider/
//	go tool pprof -sample_index=alloc_space -top provider.test users.mem
//
// OPENAI_BENCH_PEAK_PROFILE=peak.mem adds a profile of the live heap at its
// peak (go tool pprof -sample_index=inuse_space -top provider.test peak.mem).
// OPENAI_BENCH_USERS sets the number of organization users (default 100,000,
// the side-by-side size); the other collections are sized from it as in the
// 16x org (half as many workspace users, a fifth as many GPTs and invites).
func BenchmarkDataSourceRead(b *testing.B) {
	users := 100_000
	if v := os.Getenv("OPENAI_BENCH_USERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("OPENAI_BENCH_USERS=%q: want a positive number", v)
		}
		users = n
	}
	for _, ds := range []struct {
		typeName string
		params   openaisim.GenParams
		items    int
	}{
		{"openai_users", openaisim.GenParams{Seed: 1, OrgUsers: users, WorkspaceUsers: 1}, users},
		{"openai_workspace_users", openaisim.GenParams{Seed: 1, OrgUsers: 1, WorkspaceUsers: users / 2}, users / 2},
		{"openai_gpts", openaisim.GenParams{Seed: 1, OrgUsers: 1, WorkspaceUsers: 100, GPTs: users / 5}, users / 5},
		{"openai_invites", openaisim.GenParams{Seed: 1, OrgUsers: 1, WorkspaceUsers: 1, Invites: users / 5}, users / 5},
	} {
		sim, err := openaisim.New(openaisim.Generate(ds.params))
		if err != nil {
			b.Fatal(err)
		}
		for _, srv := range []struct {
			name string
			new  func() tfprotov6.ProviderServer
		}{
			{"direct", Server(New("bench"))},
			{"framework", providerserver.NewProtocol6(New("bench")())},
		} {
			b.Run(ds.typeName+"/"+srv.name, func(b *testing.B) {
				benchDataSourceRead(b, sim, srv.new, ds.typeName, ds.items)
			})
		}
		sim.Close()
	}
}

// benchDataSourceRead reads one data source (no configuration arguments) from
// sim through a new server each time.
func benchDataSourceRead(b *testing.B, sim *openaisim.Server, newServer func() tfprotov6.ProviderServer, typeName string, wantStateItems int) {
	for _, name := range []string{envRequestTimeout, envTotalTimeout, envMaxRetries, envOrganizationID} {
		b.Setenv(name, "")
		os.Unsetenv(name)
	}
	b.Setenv(envAdminAPIKey, openaisim.AdminKey)
	b.Setenv(envAdminBaseURL, sim.AdminBaseURL())
	b.Setenv(envComplianceAPIKey, openaisim.ComplianceKey)
	b.Setenv(envComplianceBaseURL, sim.ComplianceBaseURL())
	b.Setenv(envWorkspaceID, sim.WorkspaceID())
	b.Setenv(envAdminRPM, "0")
	b.Setenv(envComplianceRPM, "0")
	ctx := context.Background()

	// The simulator lives in this process: its fixture is the heap at rest,
	// subtracted from the peak so the metric is the provider's read.
	runtime.GC()
	rest := heapObjects()
	peak := startHeapSampler()
	b.ReportAllocs()
	b.ResetTimer()
	var stateBytes int
	for range b.N {
		srv := newServer()
		schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
		if err != nil || len(schemas.Diagnostics) > 0 {
			b.Fatalf("schema: %v %v", err, schemas.Diagnostics)
		}
		pcfg := nullConfig(b, schemas.Provider)
		if r, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{Config: pcfg}); err != nil || hasError(r.Diagnostics) {
			b.Fatalf("configure: %v %v", err, r.Diagnostics)
		}
		dcfg := nullConfig(b, schemas.DataSourceSchemas[typeName])
		r, err := srv.ReadDataSource(ctx, &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: dcfg})
		if err != nil || hasError(r.Diagnostics) {
			b.Fatalf("read: %v %v", err, r.Diagnostics)
		}
		stateBytes = len(r.State.MsgPack)
	}
	b.StopTimer()
	top := peak.stop()
	b.ReportMetric(float64(top-min(rest, top))/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(stateBytes)/float64(wantStateItems), "state-B/item")
}

// nullConfig is a configuration of schema s with every attribute null (and
// every block absent), as Terraform sends for an empty block.
func nullConfig(b *testing.B, s *tfprotov6.Schema) *tfprotov6.DynamicValue {
	b.Helper()
	typ := s.ValueType().(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	for _, blk := range s.Block.BlockTypes {
		t := typ.AttributeTypes[blk.TypeName]
		vals[blk.TypeName] = tftypes.NewValue(t, []tftypes.Value{})
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, vals))
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

func hasError(d []*tfprotov6.Diagnostic) bool {
	for _, x := range d {
		if x.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// heapSampler records the largest heap (objects, live and not yet collected)
// seen every millisecond. With OPENAI_BENCH_PEAK_PROFILE=file it also writes
// a heap profile to file each time the live heap (as of the last completed
// GC) reaches a new high, so the file ends as the live objects at the peak.
type heapSampler struct {
	peak atomic.Uint64
	done chan struct{}
	quit chan struct{}
}

func startHeapSampler() *heapSampler {
	h := &heapSampler{done: make(chan struct{}), quit: make(chan struct{})}
	profile := os.Getenv("OPENAI_BENCH_PEAK_PROFILE")
	go func() {
		defer close(h.done)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		var liveTop uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(s)
			if v := s[0].Value.Uint64(); v > h.peak.Load() {
				h.peak.Store(v)
			}
			if live := s[1].Value.Uint64(); profile != "" && live > liveTop+liveTop/20 {
				liveTop = live
				if f, err := os.Create(profile); err == nil {
					_ = pprof.WriteHeapProfile(f)
					_ = f.Close()
				}
			}
			select {
			case <-h.quit:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) stop() uint64 {
	close(h.quit)
	<-h.done
	return h.peak.Load()
}

// BenchmarkPostureSnapshot16x is the loader's side of a posture baseline plan
// on the 16x org of cmd/benchposture (100,000 users, 20,000 GPTs, 2,000
// projects): every catalog check read through one shared loader and
// evaluated, in process, no latency. It reports the peak heap above the
// simulator's own, and takes the same profiles as BenchmarkUsersDataSourceRead
// (-memprofile, OPENAI_BENCH_PEAK_PROFILE). The framework's share of a plan
// (the resources' findings) is not in it.
//
//	go test -run '^$' -bench PostureSnapshot16x -benchtime 1x -memprofile posture.mem ./internal/provider/
func BenchmarkPostureSnapshot16x(b *testing.B) {
	sim, err := openaisim.New(openaisim.Generate(openaisim.TargetGenParams()))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(),
		ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
		WorkspaceID: sim.WorkspaceID(), AdminRequestsPerMinute: -1, ComplianceRequestsPerMinute: -1,
	})
	if err != nil {
		b.Fatal(err)
	}
	var rules []posture.Rule
	for _, c := range posture.Catalog() {
		rules = append(rules, posture.Rule{CheckID: c.ID, Enforcement: "warn"})
	}
	runtime.GC()
	rest := heapObjects()
	peak := startHeapSampler()
	b.ReportAllocs()
	b.ResetTimer()
	findings := 0
	for range b.N {
		l := snapshot.New(client)
		snap := l.PostureSnapshot(context.Background(), rules, time.Now())
		for _, r := range posture.Evaluate(snap, rules).Rules {
			findings += len(r.Findings)
		}
	}
	b.StopTimer()
	top := peak.stop()
	b.ReportMetric(float64(top-min(rest, top))/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(findings)/float64(b.N), "findings/op")
}
