package posture

// sharedAgent is what the sharing and tool checks read of a GPT or a ChatGPT
// project: the Compliance API gives both the same sharing model (visibility,
// permissions, recipients, shared_users) and the same tools, so one set of
// judgements serves both and the two families cannot drift apart.
type sharedAgent struct {
	subject Finding
	// noun names the kind in texts ("GPT", "project").
	noun string
	// thirdParty: the API sent no owner and no sharing because the subject
	// was built outside the workspace (only ChatGPT projects are listed so).
	thirdParty           bool
	visibility           string
	permissions          *GPTPermissions
	recipients           []GPTRecipient
	recipientsIncomplete bool
	// sharedUsers is the per-subject shared_users listing, read under
	// sharedUsersCollection.
	sharedUsers           Collection[GPTRecipient]
	sharedUsersCollection CollectionID
	configReported        bool
	toolsNotReported      bool
	tools                 []GPTTool
}

// agentSource visits every subject of one kind after checking its list was
// read (gptAgents, chatGPTProjectAgents).
type agentSource func(e *evalContext, fn func(sharedAgent))

func (g GPT) agent() sharedAgent {
	a := sharedAgent{
		subject: gptSubject(g), noun: "GPT",
		visibility: g.Visibility, permissions: g.Permissions,
		recipients: g.Recipients, recipientsIncomplete: g.RecipientsIncomplete,
		sharedUsers: g.SharedUsers, sharedUsersCollection: CollectionGPTSharedUsers,
		configReported: g.Config != nil,
	}
	if g.Config != nil {
		a.toolsNotReported, a.tools = g.Config.ToolsNotReported, g.Config.Tools
	}
	return a
}

func gptAgents(e *evalContext, fn func(sharedAgent)) {
	forEachGPT(e, func(g GPT) { fn(g.agent()) })
}

// thirdPartyProjectKind is the subject kind of a third-party ChatGPT project:
// reported as what it is, not as a workspace project with missing data.
const thirdPartyProjectKind = "third_party_chatgpt_project"

func chatGPTProjectSubject(p ChatGPTProject) Finding {
	f := Finding{SubjectKind: "chatgpt_project", SubjectID: p.ID, SubjectName: firstNonEmpty(p.Name, p.ID), SubjectEmail: p.OwnerEmail}
	if p.ThirdParty {
		f.SubjectKind = thirdPartyProjectKind
	}
	return f
}

func (p ChatGPTProject) agent() sharedAgent {
	return sharedAgent{
		subject: chatGPTProjectSubject(p), noun: "project", thirdParty: p.ThirdParty,
		visibility: p.Visibility, permissions: p.Permissions,
		recipients: p.Recipients, recipientsIncomplete: p.RecipientsIncomplete,
		sharedUsers: p.SharedUsers, sharedUsersCollection: CollectionChatGPTProjectSharedUsers,
		configReported: p.ConfigReported, toolsNotReported: p.ToolsNotReported, tools: p.Tools,
	}
}

func chatGPTProjectAgents(e *evalContext, fn func(sharedAgent)) {
	if !e.need(CollectionChatGPTProjects, e.snap.ChatGPTProjects) {
		return
	}
	for _, p := range e.snap.ChatGPTProjects.Items {
		fn(p.agent())
	}
}

// reportThirdParty reports a third-party subject to a sharing check: the API
// does not send its sharing, so it cannot pass, and it is named as what it
// is (built outside the workspace) rather than as missing data.
func reportThirdParty(e *evalContext, a sharedAgent, allowed string) {
	f := a.subject
	f.SubKey = "third_party"
	f.Observed = "third-party " + a.noun + ": built outside the workspace; the API sends no owner or sharing for it"
	f.Allowed = allowed + " (review the third-party " + a.noun + " and waive it if the workspace may use it)"
	e.report(f)
}
