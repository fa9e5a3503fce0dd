// Placeholder, owned by the reminders work: push, notificationclick and pushsubscriptionchange
// listeners for the service worker (loaded by sw.js with importScripts).
