"""The vault in the window: its controller, menu actions, lock page, passphrase widgets,
create and change-passphrase dialogs, and the privacy (hide screen) page."""
