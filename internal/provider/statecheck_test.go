package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// expectListElement finds, in the list attribute listAttr of the resource or
// data source at address, the element whose keyAttr equals keyValue, and
// checks some of its attributes. Lists come back in API order, which tests
// should not depend on.
func expectListElement(address, listAttr, keyAttr, keyValue string, checks map[string]knownvalue.Check) statecheck.StateCheck {
	return listElementCheck{address, listAttr, keyAttr, keyValue, checks}
}

type listElementCheck struct {
	address, listAttr, keyAttr, keyValue string
	checks                               map[string]knownvalue.Check
}

func (c listElementCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = fmt.Errorf("no state")
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != c.address {
			continue
		}
		list, ok := r.AttributeValues[c.listAttr].([]any)
		if !ok {
			resp.Error = fmt.Errorf("%s.%s is not a list", c.address, c.listAttr)
			return
		}
		for _, e := range list {
			obj, ok := e.(map[string]any)
			if !ok || obj[c.keyAttr] != c.keyValue {
				continue
			}
			for attr, check := range c.checks {
				if err := check.CheckValue(obj[attr]); err != nil {
					resp.Error = fmt.Errorf("%s.%s[%s=%q].%s: %w", c.address, c.listAttr, c.keyAttr, c.keyValue, attr, err)
					return
				}
			}
			return
		}
		resp.Error = fmt.Errorf("%s.%s has no element with %s = %q", c.address, c.listAttr, c.keyAttr, c.keyValue)
		return
	}
	resp.Error = fmt.Errorf("%s not found in state", c.address)
}
