"""The network pages: the list (networks, invitations, open networks) and a network's page."""
