// Placeholder, owned by the reminders work: the reminder settings screen.

/** Build the reminder settings section. */
export function createSettingsView() {
  const section = document.createElement('section');
  section.setAttribute('aria-labelledby', 'reminder-settings-title');
  const title = document.createElement('h2');
  title.id = 'reminder-settings-title';
  title.textContent = 'Reminders';
  section.append(title);
  return section;
}
