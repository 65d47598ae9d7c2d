"""The peer for `precis serve`: FastAPI + uvicorn serving a scikit-learn TF-IDF + SGD pipeline.

    python fastapi_app.py train --data train.tsv --model model.joblib
    PRECIS_PEER_MODEL=model.joblib uvicorn fastapi_app:app --workers 2 --port 8081

POST /v1/classify {"text": ...} -> {"label", "probabilities"} (the same shape as precis serve).
"""
import os
import sys

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel


def train(data, model_path):
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import SGDClassifier
    from sklearn.pipeline import make_pipeline

    labels, texts = [], []
    with open(data, encoding="utf-8") as f:
        for line in f:
            label, _, text = line.rstrip("\n").partition("\t")
            if label:
                labels.append(label)
                texts.append(text)
    pipeline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
                             SGDClassifier(loss="log_loss", alpha=1e-5, max_iter=30, random_state=0))
    pipeline.fit(texts, labels)
    tmp = model_path + ".tmp"
    joblib.dump(pipeline, tmp)
    os.replace(tmp, model_path)


class ClassifyRequest(BaseModel):
    text: str
    top: int = 1


app = FastAPI()
_pipeline = None


def pipeline():
    global _pipeline
    if _pipeline is None:
        import joblib
        _pipeline = joblib.load(os.environ["PRECIS_PEER_MODEL"])
    return _pipeline


@app.on_event("startup")
def load():
    pipeline()


@app.post("/v1/classify")
def classify(request: ClassifyRequest):
    if request.top < 1:
        raise HTTPException(status_code=400, detail="top must be at least 1")
    p = pipeline()
    probabilities = p.predict_proba([request.text])[0]
    classes = p.classes_
    order = sorted(range(len(classes)), key=lambda c: -probabilities[c])[:request.top]
    return {"label": str(classes[order[0]]),
            "probabilities": {str(classes[c]): float(probabilities[c]) for c in order}}


@app.get("/healthz")
def health():
    return {"status": "ok"}


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "train":
        train(sys.argv[3], sys.argv[5])
    else:
        sys.exit(__doc__)
