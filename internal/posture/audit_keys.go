package posture

import "fmt"

// keyOwner is who owns an API key of the inventory.
type keyOwner struct {
	kind      string // "admin" or "project"
	ownerType string // "user", "service_account"; "" when not reported
	owner     string
}

// keyInventory maps key ids of the admin and project key lists to their
// owners, for judging api_key.created events: the event says who created the
// key (a dashboard session creates service-account keys too) but not who owns
// it, so the owner comes from the inventory.
type keyInventory struct {
	byID map[string]keyOwner
}

// readKeyInventory reads the admin keys and every project's keys (archived
// projects included: a key created there still exists). Unreadable lists are
// data errors; their keys are then missing, and events about them are
// reported as not judged.
func readKeyInventory(e *evalContext) *keyInventory {
	inv := &keyInventory{byID: map[string]keyOwner{}}
	if e.need(CollectionAdminAPIKeys, e.snap.AdminAPIKeys) {
		for _, k := range e.snap.AdminAPIKeys.Items {
			inv.byID[k.ID] = keyOwner{kind: "admin", ownerType: k.OwnerType, owner: firstNonEmpty(k.OwnerName, k.OwnerID)}
		}
	}
	if e.need(CollectionProjects, e.snap.Projects) {
		for _, p := range e.snap.Projects.Items {
			if !e.needFor(CollectionProjectAPIKeys, p.ID, p.APIKeys) {
				continue
			}
			for _, k := range p.APIKeys.Items {
				inv.byID[k.ID] = keyOwner{kind: "project", ownerType: k.OwnerType, owner: firstNonEmpty(k.OwnerEmail, k.OwnerName, k.OwnerID)}
			}
		}
	}
	return inv
}

// judgeCreated describes why an api_key.created event weakens posture, or
// returns "" for a key owned by a service account. A key the inventory does
// not hold (deleted since, or in a list that could not be read) cannot be
// judged and is reported, never passed.
func (inv *keyInventory) judgeCreated(ev AuditEvent) string {
	if ev.ResourceID == "" {
		return "API key created; the event names no key id, so its owner cannot be judged"
	}
	k, ok := inv.byID[ev.ResourceID]
	switch {
	case !ok:
		return fmt.Sprintf("API key %s created; it is not in the admin or project key lists read (deleted since, or unreadable), so its owner cannot be judged", ev.ResourceID)
	case k.ownerType == "service_account":
		return ""
	case k.ownerType == "":
		return fmt.Sprintf("%s API key %s created; its owner type is not reported", k.kind, ev.ResourceID)
	}
	return fmt.Sprintf("%s API key %s created, owned by %s %s rather than a service account", k.kind, ev.ResourceID, k.ownerType, firstNonEmpty(k.owner, "(not reported)"))
}
