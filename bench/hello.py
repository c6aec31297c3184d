"""The reference: a bare Flask "hello world", served like the real app."""
from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    return "Hello, World!"
