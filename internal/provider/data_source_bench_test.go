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

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
	"github.com/openai-posture/terraform-provider-openai/internal/posture"
	"github.com/openai-posture/terraform-provider-openai/internal/snapshot"
)

// BenchmarkUsersDataSourceRead is the provider's side of planning
// `data "openai_users"` over a large org, in process: ConfigureProvider then
// ReadDataSource through the protocol-6 server, so the cost of the framework
// and of encoding the state for Terraform is included (the gRPC hop is not).
// It reports the peak heap seen while reading (sampled every millisecond,
// live and not yet collected objects, above the heap at rest) and, with -memprofile,
// where the bytes were allocated (see BENCHMARKS.md, "Where the bytes go").
//
//	go test -run '^$' -bench UsersDataSourceRead -benchtime 1x -memprofile users.mem ./internal/provider/
//	go tool pprof -sample_index=alloc_space -top provider.test users.mem
//
// OPENAI_BENCH_PEAK_PROFILE=peak.mem adds a profile of the live heap at its
// peak (go tool pprof -sample_index=inuse_space -top provider.test peak.mem).
// OPENAI_BENCH_USERS sets the org size (default 100,000).
func BenchmarkUsersDataSourceRead(b *testing.B) {
	users := 100_000
	if v := os.Getenv("OPENAI_BENCH_USERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("OPENAI_BENCH_USERS=%q: want a positive number", v)
		}
		users = n
	}
	benchDataSourceRead(b, openaisim.GenParams{Seed: 1, OrgUsers: users, WorkspaceUsers: 1}, "openai_users", users)
}

// benchDataSourceRead reads one data source (no configuration arguments) from
// a simulator serving the generated org.
func benchDataSourceRead(b *testing.B, p openaisim.GenParams, typeName string, wantStateItems int) {
	sim, err := openaisim.New(openaisim.Generate(p))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(sim.Close)
	for _, name := range []string{envComplianceAPIKey, envWorkspaceID, envOrganizationID, envComplianceBaseURL,
		envRequestTimeout, envTotalTimeout, envMaxRetries, envComplianceRPM} {
		b.Setenv(name, "")
		os.Unsetenv(name)
	}
	b.Setenv(envAdminAPIKey, openaisim.AdminKey)
	b.Setenv(envAdminBaseURL, sim.AdminBaseURL())
	b.Setenv(envAdminRPM, "0")
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
		srv, err := providerserver.NewProtocol6WithError(New("bench")())()
		if err != nil {
			b.Fatal(err)
		}
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

// BenchmarkUsersStateWithoutFramework is the part of
// BenchmarkUsersDataSourceRead that this provider's code decides: the users
// read through the loader, the state list built as Read builds it
// (setListState) and encoded for Terraform (msgpack), without the framework's
// work after Read (a deep copy of the state, its conversion into framework
// values for semantic equality, two deep comparisons, the null-block
// transform). The difference between the two peaks is what answering
// ReadDataSource for openai_users outside the framework would save
// (BENCHMARKS.md, "Peak RSS side by side").
//
//	go test -run '^$' -bench 'Users(DataSourceRead|StateWithoutFramework)' -benchtime 1x ./internal/provider/
func BenchmarkUsersStateWithoutFramework(b *testing.B) {
	users := 100_000
	if v := os.Getenv("OPENAI_BENCH_USERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			b.Fatalf("OPENAI_BENCH_USERS=%q: want a positive number", v)
		}
		users = n
	}
	sim, err := openaisim.New(openaisim.Generate(openaisim.GenParams{Seed: 1, OrgUsers: users, WorkspaceUsers: 1}))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(), AdminRequestsPerMinute: -1})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var sresp datasource.SchemaResponse
	(&usersDataSource{}).Schema(ctx, datasource.SchemaRequest{}, &sresp)
	typ := sresp.Schema.Type().TerraformType(ctx)

	runtime.GC()
	rest := heapObjects()
	peak := startHeapSampler()
	b.ReportAllocs()
	b.ResetTimer()
	var stateBytes int
	for range b.N {
		list, err := snapshot.New(client).Users(ctx)
		if err != nil {
			b.Fatal(err)
		}
		state := tfsdk.State{Schema: sresp.Schema, Raw: tftypes.NewValue(typ, nil)}
		now := time.Now()
		if d := setListState(ctx, &state, "users", len(list.Engine), func(i int) orgUserModel { return orgUserValue(list, i, now) }); d.HasError() {
			b.Fatal(d)
		}
		dv, err := tfprotov6.NewDynamicValue(typ, state.Raw)
		if err != nil {
			b.Fatal(err)
		}
		stateBytes = len(dv.MsgPack)
	}
	b.StopTimer()
	top := peak.stop()
	b.ReportMetric(float64(top-min(rest, top))/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(stateBytes)/float64(users), "state-B/item")
}
