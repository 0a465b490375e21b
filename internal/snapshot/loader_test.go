package snapshot

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/openai-posture/terraform-provider-openai/internal/openai"
	"github.com/openai-posture/terraform-provider-openai/internal/openaisim"
)

func newLoader(t *testing.T) (*Loader, *openaisim.Server) {
	t.Helper()
	sim, err := openaisim.New(openaisim.SampleOrg())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Close)
	client, err := openai.NewClient(openai.Config{
		AdminAPIKey: openaisim.AdminKey, AdminBaseURL: sim.AdminBaseURL(),
		ComplianceAPIKey: openaisim.ComplianceKey, ComplianceBaseURL: sim.ComplianceBaseURL(),
		WorkspaceID: sim.WorkspaceID(), AdminRequestsPerMinute: -1, ComplianceRequestsPerMinute: -1,
		MaxRetries: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return New(client), sim
}

func TestConcurrentCallersShareOneFetch(t *testing.T) {
	l, sim := newLoader(t)
	sim.SetLatency(50 * time.Millisecond) // keep the first fetch in flight while the others arrive

	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			users, err := l.Users(context.Background())
			if err == nil && len(users.Engine) == 0 {
				err = errors.New("no users")
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if got := sim.RequestCount(openai.EndpointUsers); got != 1 {
		t.Fatalf("users fetched %d times by 20 concurrent callers, want 1", got)
	}
}

func TestPerProjectCollectionsAreKeyedByProject(t *testing.T) {
	l, sim := newLoader(t)
	ctx := context.Background()
	projects, err := l.Projects(ctx)
	if err != nil {
		t.Fatal(err)
	}
	active := 0
	for _, p := range projects {
		if _, err := l.ProjectAPIKeys(ctx, p.ID); err != nil {
			t.Fatalf("project %s: %v", p.ID, err)
		}
		if _, err := l.ProjectAPIKeys(ctx, p.ID); err != nil { // cached
			t.Fatal(err)
		}
		active++
	}
	if got := sim.RequestCount(openai.EndpointProjectAPIKeys); got != active {
		t.Fatalf("project api_keys fetched %d times for %d projects, want one each", got, active)
	}
}

func TestFailuresAreCachedAndReported(t *testing.T) {
	l, sim := newLoader(t)
	sim.InjectFault(openai.EndpointInvites, openaisim.Fault{Kind: openaisim.FaultStatus, Status: 500})
	ctx := context.Background()
	_, err1 := l.Invites(ctx)
	_, err2 := l.Invites(ctx)
	var apiErr *openai.APIError
	if !errors.As(err1, &apiErr) || apiErr.StatusCode != 500 {
		t.Fatalf("want a 500 APIError, got %v", err1)
	}
	if err2 == nil || err2.Error() != err1.Error() {
		t.Fatalf("second call: %v, want the cached error %v", err2, err1)
	}
	if got := sim.RequestCount(openai.EndpointInvites); got != 1 {
		t.Fatalf("invites requested %d times, want 1 (no retries configured, failure cached)", got)
	}
}

func TestCallerCancellationDoesNotFailOtherWaiters(t *testing.T) {
	l, sim := newLoader(t)
	sim.SetLatency(200 * time.Millisecond)

	impatient, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := l.Users(impatient)
		done <- err
	}()
	time.Sleep(20 * time.Millisecond) // the fetch is now in flight
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled caller got %v, want context.Canceled", err)
	}
	users, err := l.Users(context.Background())
	if err != nil || len(users.Engine) == 0 {
		t.Fatalf("patient caller: %d users, %v", len(users.Engine), err)
	}
	if got := sim.RequestCount(openai.EndpointUsers); got != 1 {
		t.Fatalf("users fetched %d times, want 1", got)
	}
}
