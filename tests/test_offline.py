"""The network guard every test runs under really stops network use."""

import socket

import pytest

from .conftest import NetworkUse


def test_guard_refuses_lookups_and_outside_connections():
    with pytest.raises(NetworkUse):
        socket.getaddrinfo("checkip.amazonaws.com", 80)
    with socket.socket() as sock, pytest.raises(NetworkUse):
        sock.connect(("192.0.2.10", 80))


def test_guard_allows_this_machine():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
