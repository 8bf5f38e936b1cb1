export const marketingEn = {
  "nav.marketing": "Marketing",
  "marketing.title": "Marketing",
  "marketing.instagram.explain":
    "Connect the company's Instagram professional account: messages and comments with a phone number become leads.",
  "marketing.instagram.connect": "Connect Instagram",
  "marketing.instagram.connected": "Instagram is connected.",
  "marketing.instagram.denied": "Access was not granted on Instagram; nothing was connected.",
  "marketing.instagram.expired": "The connection request expired. Press “Connect” again.",
  "marketing.instagram.notConfigured":
    "Instagram is not configured on the server. Missing: {missing}.",
  "marketing.instagram.account": "Account",
  "marketing.instagram.status": "Status",
  "marketing.instagram.active": "Active",
  "marketing.instagram.refreshFailed": "Token refresh failed: {error}",
  "marketing.instagram.expires": "Token valid until",
  "marketing.instagram.since": "Connected",
  "marketing.instagram.disconnect": "Disconnect",
  "marketing.instagram.disconnectBody":
    "The stored token is deleted; new Instagram messages no longer arrive until it is connected again.",
  "marketing.instagram.disconnected": "Instagram is disconnected.",
  "audit.action.instagram.connect": "Instagram connected",
  "audit.action.instagram.refresh": "Instagram token refreshed",
  "audit.action.instagram.disconnect": "Instagram disconnected",
  "audit.entity.Instagram": "Instagram",
  "audit.instagram.connect": "Instagram @{username} connected",
  "audit.instagram.refresh": "Instagram token refreshed",
  "audit.instagram.disconnect": "Instagram @{username} disconnected",
};
